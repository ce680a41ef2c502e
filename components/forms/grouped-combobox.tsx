'use client';

// The enhanced face of GroupedPicker (grouped-picker.tsx): downshift's combobox over the grouped
// options, several picks in a row, chosen values as removable chips. Loaded after hydration.
import { useId, useMemo, useState, type ReactNode } from 'react';
import { useCombobox, type UseComboboxState, type UseComboboxStateChangeOptions } from 'downshift';
import { filterGroups, type PickerGroup, type PickerOption } from '@/lib/forms/picker';

export default function GroupedCombobox({
  name,
  label,
  groups,
  selected,
  setSelected,
  placeholder,
  nativeSelect,
}: {
  name: string;
  label: string;
  groups: PickerGroup[];
  selected: string[];
  setSelected: (update: (s: string[]) => string[]) => void;
  placeholder: string;
  nativeSelect: ReactNode;
}) {
  const uid = useId();
  const [inputValue, setInputValue] = useState('');
  const byValue = useMemo(() => new Map(groups.flatMap((g) => g.options.map((o) => [o.value, o] as const))), [groups]);
  const shown = useMemo(() => filterGroups(groups, inputValue), [groups, inputValue]);
  const items = useMemo(() => shown.flatMap((g) => g.options), [shown]);
  const toggle = (value: string) => setSelected((s) => (s.includes(value) ? s.filter((v) => v !== value) : [...s, value]));

  const { isOpen, highlightedIndex, getLabelProps, getInputProps, getMenuProps, getItemProps, getToggleButtonProps } = useCombobox<PickerOption>({
    id: `${uid}-${name}`,
    inputId: `${name}-picker`,
    items,
    itemToString: (o) => o?.label ?? '',
    itemToKey: (o) => o?.value,
    inputValue,
    // Nothing stays "selected" in the combobox itself: each pick toggles a value of the list.
    selectedItem: null,
    stateReducer: (state: UseComboboxState<PickerOption>, { changes, type }: UseComboboxStateChangeOptions<PickerOption>) => {
      switch (type) {
        // Several picks in a row: the list stays open on the same item, with the same text typed.
        case useCombobox.stateChangeTypes.InputKeyDownEnter:
        case useCombobox.stateChangeTypes.ItemClick:
          return { ...changes, isOpen: true, highlightedIndex: state.highlightedIndex, inputValue: state.inputValue };
        // Leaving the field picks nothing.
        case useCombobox.stateChangeTypes.InputBlur:
          return { ...changes, selectedItem: null, inputValue: state.inputValue };
        default:
          return changes;
      }
    },
    onStateChange: ({ type, selectedItem }) => {
      if ((type === useCombobox.stateChangeTypes.InputKeyDownEnter || type === useCombobox.stateChangeTypes.ItemClick) && selectedItem) toggle(selectedItem.value);
    },
    onInputValueChange: ({ inputValue: typed, type }) => {
      if (type === useCombobox.stateChangeTypes.InputChange) setInputValue(typed ?? '');
    },
  });

  let index = 0;
  return (
    <div className="field picker">
      <label {...getLabelProps()}>{label}</label>
      {selected.length ? (
        <ul className="picker-chips" aria-label={`${label}: chosen`}>
          {selected.map((v) => {
            const o = byValue.get(v);
            return (
              <li key={v}>
                <button type="button" className="picker-chip" onClick={() => toggle(v)} aria-label={`Remove ${o?.label ?? v}`}>
                  {o?.label ?? v} <span aria-hidden="true">×</span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      <div className="picker-box">
        <input {...getInputProps({ placeholder, type: 'text', autoComplete: 'off' })} />
        <button type="button" className="btn btn-quiet picker-toggle" {...getToggleButtonProps({ 'aria-label': `${isOpen ? 'Hide' : 'Show'} all ${label.toLowerCase()}` })}>
          <span aria-hidden="true">▾</span>
        </button>
        <div {...getMenuProps({ className: 'picker-menu', 'aria-multiselectable': true })} hidden={!isOpen || !items.length}>
          {isOpen
            ? shown.map((g, gi) => {
                const options = g.options.map((o) => {
                  const i = index++;
                  const isChosen = selected.includes(o.value);
                  return (
                    <div
                      key={o.value}
                      {...getItemProps({ item: o, index: i })}
                      // A multi-select list: aria-selected says chosen (the active one is aria-activedescendant).
                      aria-selected={isChosen}
                      className={`picker-option${i === highlightedIndex ? ' picker-option-active' : ''}`}
                    >
                      <span className="picker-check" aria-hidden="true">
                        {isChosen ? '✓' : ''}
                      </span>
                      {o.short ?? o.label}
                      {o.count === undefined ? null : <span className="picker-count"> {o.count.toLocaleString('en-GB')}</span>}
                    </div>
                  );
                });
                if (!g.label) return options;
                const headingId = `${uid}-${name}-g${gi}`;
                return (
                  <div role="group" aria-labelledby={headingId} key={g.label}>
                    <div id={headingId} className="picker-group">
                      {g.label}
                    </div>
                    {options}
                  </div>
                );
              })
            : null}
        </div>
      </div>
      {isOpen && !items.length ? (
        <p className="small muted" role="status">
          Nothing matches “{inputValue}”.
        </p>
      ) : null}
      {nativeSelect}
    </div>
  );
}
