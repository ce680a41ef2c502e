'use client';

// A type-ahead, grouped, multi-select picker for a GET form (issue 26: the 130-item program list
// box). The combobox is downshift's (WAI-ARIA 1.2 combobox pattern: arrow keys, Enter, Escape,
// aria-activedescendant); the chosen values travel in a hidden native <select multiple>, so the form
// submits them as repeated `name=` parameters exactly as before. Before hydration (or without
// JavaScript) that same <select>, grouped by <optgroup>, is the control itself.
import { Suspense, lazy, useState, useSyncExternalStore } from 'react';
import type { PickerGroup, PickerOption } from '@/lib/forms/picker';

// NOTE: loaded after hydration, in its own chunk: the overview's first-load JavaScript and its
// hydration stay as they were (BENCHMARKS.md, "Overview page"); the native select serves meanwhile.
const GroupedCombobox = lazy(() => import('./grouped-combobox'));

type Props = {
  /** The form field's name and the native select's id (kept: links and tests address `#program`). */
  name: string;
  label: string;
  groups: PickerGroup[];
  selected: string[];
  placeholder?: string;
};

const noSubscription = () => () => undefined;

const optionText = (o: PickerOption) => `${o.label}${o.count === undefined ? '' : ` (${o.count.toLocaleString('en-GB')})`}`;

export function GroupedPicker({ name, label, groups, selected: initial, placeholder = 'Type to filter…' }: Props) {
  // NOTE: enhanced once hydrated only, so the server's HTML (the native select) hydrates unchanged.
  const isEnhanced = useSyncExternalStore(noSubscription, () => true, () => false);
  const [selected, setSelected] = useState<string[]>(initial);

  const nativeSelect = (hidden: boolean) => (
    <select
      id={name}
      name={name}
      multiple
      size={8}
      hidden={hidden}
      // Controlled once enhanced (the picker owns the value); before that, the browser's own.
      {...(hidden ? { value: selected, onChange: () => undefined } : { defaultValue: initial })}
    >
      {groups.map((g) =>
        g.label ? (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value}>
                {optionText(o)}
              </option>
            ))}
          </optgroup>
        ) : (
          g.options.map((o) => (
            <option key={o.value} value={o.value}>
              {optionText(o)}
            </option>
          ))
        ),
      )}
    </select>
  );

  const plain = (
    <div className="field picker">
      <label htmlFor={name}>{label}</label>
      {nativeSelect(false)}
    </div>
  );
  if (!isEnhanced) return plain;
  return (
    <Suspense fallback={plain}>
      <GroupedCombobox name={name} label={label} groups={groups} selected={selected} setSelected={setSelected} placeholder={placeholder} nativeSelect={nativeSelect(true)} />
    </Suspense>
  );
}

