"use client";

import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_COLORS } from "./chart-colors";

const AGE_COLORS = [CHART_COLORS.allowed, "#84cc16", CHART_COLORS.approval, CHART_COLORS.denied];

/** How long pending approvals have been waiting: the longer, the redder. */
export function PendingAgesChart({ ages }: { ages: { label: string; count: number }[] }) {
  return (
    <div className="h-32 w-full" data-chart="pending-ages">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={ages} margin={{ top: 4, right: 4, left: 0, bottom: 0 }}>
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: CHART_COLORS.axis }} tickLine={false} />
          <YAxis allowDecimals={false} width={28} tick={{ fontSize: 11, fill: CHART_COLORS.axis }} />
          <Tooltip formatter={(value) => [Number(value), "Waiting"]} />
          <Bar dataKey="count" radius={[4, 4, 0, 0]} isAnimationActive={false}>
            {ages.map((age, i) => (
              <Cell key={age.label} fill={AGE_COLORS[i] ?? CHART_COLORS.denied} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
