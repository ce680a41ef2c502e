// The type-ahead of the grouped pickers (components/forms/grouped-picker.tsx). Pure.

export type PickerOption = { value: string; label: string; /** Shown under its group, without the group's prefix. */ short?: string; count?: number };
export type PickerGroup = { label: string | null; options: PickerOption[] };

/** Lower case, accents and punctuation folded, so "turkiye" finds "Türkiye" and "iran related" finds "Iran-related". */
export function foldForMatch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The groups and options matching what was typed: every word of it somewhere in the option's label,
 * its value (a program's code) or its group's name. Groups left empty are dropped; order is kept.
 */
export function filterGroups(groups: PickerGroup[], typed: string): PickerGroup[] {
  const words = foldForMatch(typed).split(' ').filter(Boolean);
  if (!words.length) return groups.filter((g) => g.options.length);
  return groups
    .map((g) => ({
      label: g.label,
      options: g.options.filter((o) => {
        const haystack = foldForMatch(`${g.label ?? ''} ${o.label} ${o.value}`);
        return words.every((w) => haystack.includes(w));
      }),
    }))
    .filter((g) => g.options.length);
}
