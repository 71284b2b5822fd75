"use client";

import {
  Area,
  AreaChart,
  CartesianGrid,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { CHART_COLORS, compactNumber } from "@/components/overview/chart-colors";

/** Calls per hour over the baseline and the current window, the current window shaded. */
export function HourlyChart({
  hourly,
  currentStart,
}: {
  hourly: { bucketStart: Date; calls: number; denies: number }[];
  currentStart: Date;
}) {
  const data = hourly.map((h) => ({ t: h.bucketStart.getTime(), calls: h.calls, denies: h.denies }));
  const last = data.at(-1)?.t ?? currentStart.getTime();
  const day = (t: number) => new Date(t).toLocaleDateString(undefined, { month: "short", day: "numeric" });
  return (
    <div className="h-48 w-full" data-chart="hourly-calls">
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={["dataMin", "dataMax"]}
            tickFormatter={day}
            tick={{ fontSize: 11, fill: CHART_COLORS.axis }}
            minTickGap={40}
          />
          <YAxis
            tick={{ fontSize: 11, fill: CHART_COLORS.axis }}
            tickFormatter={compactNumber}
            width={40}
            allowDecimals={false}
          />
          <Tooltip labelFormatter={(t) => new Date(Number(t)).toLocaleString()} />
          <ReferenceArea
            x1={currentStart.getTime()}
            x2={last}
            fill={CHART_COLORS.current}
            fillOpacity={0.1}
          />
          <Area
            type="monotone"
            dataKey="calls"
            name="Calls"
            stroke={CHART_COLORS.current}
            fill={CHART_COLORS.current}
            fillOpacity={0.25}
            isAnimationActive={false}
          />
          <Area
            type="monotone"
            dataKey="denies"
            name="Denied"
            stroke={CHART_COLORS.denied}
            fill={CHART_COLORS.denied}
            fillOpacity={0.3}
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
      <p className="text-xs text-slate-500">The shaded part is the current window.</p>
    </div>
  );
}
