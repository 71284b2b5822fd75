"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_COLORS } from "@/components/overview/chart-colors";

type Counts = Record<string, number>;

/** Share of calls per tool operation, baseline against now: the picture behind the divergence score. */
export function MixChart({ baseline, current }: { baseline: Counts; current: Counts }) {
  const total = (c: Counts) => Object.values(c).reduce((a, b) => a + b, 0) || 1;
  const bt = total(baseline);
  const ct = total(current);
  const ops = [...new Set([...Object.keys(baseline), ...Object.keys(current)])];
  const data = ops
    .map((op) => ({
      op,
      baseline: Math.round(((baseline[op] ?? 0) / bt) * 1000) / 10,
      current: Math.round(((current[op] ?? 0) / ct) * 1000) / 10,
    }))
    .sort((a, b) => Math.max(b.baseline, b.current) - Math.max(a.baseline, a.current))
    .slice(0, 10);
  return (
    <div
      className="w-full"
      style={{ height: Math.max(160, data.length * 34 + 40) }}
      data-chart="operation-mix"
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: 16, left: 0, bottom: 0 }}>
          <CartesianGrid stroke={CHART_COLORS.grid} horizontal={false} />
          <XAxis type="number" unit="%" tick={{ fontSize: 11, fill: CHART_COLORS.axis }} />
          <YAxis
            type="category"
            dataKey="op"
            width={170}
            tick={{ fontSize: 11, fill: "#334155" }}
            tickLine={false}
          />
          <Tooltip formatter={(value) => `${Number(value)}%`} />
          <Legend iconType="circle" wrapperStyle={{ fontSize: 12 }} />
          <Bar
            dataKey="baseline"
            name="Baseline"
            fill={CHART_COLORS.baseline}
            radius={[0, 3, 3, 0]}
            isAnimationActive={false}
          />
          <Bar
            dataKey="current"
            name="Current window"
            fill={CHART_COLORS.current}
            radius={[0, 3, 3, 0]}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
