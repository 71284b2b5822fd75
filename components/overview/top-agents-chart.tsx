"use client";

import Link from "next/link";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { EmptyState } from "@/components/ui/states";
import { CHART_COLORS, compactNumber } from "./chart-colors";

type AgentActivity = { agentId: string; name: string; calls: number; denies: number };

/** The busiest agents (or the most refused) over the last day, as horizontal bars. */
export function TopAgentsChart({
  agents,
  measure,
}: {
  agents: AgentActivity[];
  measure: "calls" | "denies";
}) {
  if (agents.length === 0) {
    return (
      <EmptyState
        title={measure === "calls" ? "No activity in the last day" : "No denials in the last day"}
        description={
          measure === "calls"
            ? "Agents appear here once they ask Warden before acting."
            : "Every request was within its agent's grants."
        }
      />
    );
  }
  const color = measure === "calls" ? CHART_COLORS.current : CHART_COLORS.denied;
  return (
    <div>
      <div
        className="w-full"
        style={{ height: Math.max(120, agents.length * 30 + 20) }}
        data-chart={`top-${measure}`}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={agents} layout="vertical" margin={{ top: 0, right: 16, left: 0, bottom: 0 }}>
            <CartesianGrid stroke={CHART_COLORS.grid} horizontal={false} />
            <XAxis
              type="number"
              tick={{ fontSize: 11, fill: CHART_COLORS.axis }}
              tickFormatter={compactNumber}
              allowDecimals={false}
            />
            <YAxis
              type="category"
              dataKey="name"
              width={130}
              tick={{ fontSize: 12, fill: "#334155" }}
              tickLine={false}
            />
            <Tooltip formatter={(value) => Number(value).toLocaleString()} />
            <Bar
              dataKey={measure}
              name={measure === "calls" ? "Decisions" : "Denied"}
              fill={color}
              radius={[0, 4, 4, 0]}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-500">
        {agents.slice(0, 5).map((a) => (
          <Link
            key={a.agentId}
            href={`/agents/${a.agentId}?tab=drift`}
            className="hover:text-brand-700 hover:underline"
          >
            {a.name} drift →
          </Link>
        ))}
      </p>
    </div>
  );
}
