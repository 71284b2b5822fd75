"use client";

import { RadioCards } from "@/components/ui/radio-cards";
import { AUTONOMY_LEVELS, GRANT_RULE_STILL_APPLIES, type AutonomyLevel } from "./autonomy";

/** The four autonomy levels as radio cards, each explained in plain words. */
export function AutonomyPicker({
  value,
  onChange,
  error,
  disabled,
  columns = 4,
  hideLegend,
}: {
  value: AutonomyLevel;
  onChange: (level: AutonomyLevel) => void;
  error?: string | null;
  disabled?: boolean;
  columns?: 2 | 4;
  /** When a surrounding heading already says "Autonomy" (the legend stays for screen readers). */
  hideLegend?: boolean;
}) {
  return (
    <RadioCards<AutonomyLevel>
      legend="Autonomy level"
      hint={GRANT_RULE_STILL_APPLIES}
      columns={columns}
      value={value}
      onChange={onChange}
      error={error}
      disabled={disabled}
      hideLegend={hideLegend}
      options={AUTONOMY_LEVELS.map((l) => ({
        value: l.level,
        label: `${l.level} · ${l.name}`,
        description: l.explanation,
      }))}
    />
  );
}
