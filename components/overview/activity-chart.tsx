"use client";

import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { CHART_COLORS, compactNumber, timeOfDay } from "./chart-colors";

export type ActivityPoint = { bucketStart: Date; allows: number; denies: number; approvals: number };

const SERIES = [
  { key: "allows", name: "Allowed", color: CHART_COLORS.allowed },
  { key: "approvals", name: "Needed approval", color: CHART_COLORS.approval },
  { key: "denies", name: "Denied", color: CHART_COLORS.denied },
] as const;

/** Decisions per bucket, stacked by outcome: an area for minutes, bars for hours. */
export function ActivityChart({ points, kind }: { points: ActivityPoint[]; kind: "area" | "bar" }) {
  const data = points.map((p) => ({ ...p, label: timeOfDay(p.bucketStart) }));
  const common = (
    <>
      <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
      <XAxis
        dataKey="label"
        tick={{ fontSize: 11, fill: CHART_COLORS.axis }}
        minTickGap={24}
        tickLine={false}
      />
      <YAxis
        tick={{ fontSize: 11, fill: CHART_COLORS.axis }}
        tickFormatter={compactNumber}
        width={40}
        allowDecimals={false}
      />
      <Tooltip formatter={(value) => Number(value).toLocaleString()} />
      <Legend iconType="circle" wrapperStyle={{ fontSize: 12 }} />
    </>
  );
  return (
    <div className="h-56 w-full" data-chart={kind === "area" ? "per-minute" : "per-hour"}>
      <ResponsiveContainer width="100%" height="100%">
        {kind === "area" ? (
          <AreaChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
            {common}
            {SERIES.map((s) => (
              <Area
                key={s.key}
                type="monotone"
                dataKey={s.key}
                name={s.name}
                stackId="1"
                stroke={s.color}
                fill={s.color}
                fillOpacity={0.35}
                isAnimationActive={false}
              />
            ))}
          </AreaChart>
        ) : (
          <BarChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
            {common}
            {SERIES.map((s) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.name}
                stackId="1"
                fill={s.color}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}
