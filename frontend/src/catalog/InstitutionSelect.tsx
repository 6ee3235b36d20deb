import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import { useInstitutionSearch, useInstitutions } from '../api/institutions';
import { useDebouncedCommit } from './useDebouncedCommit';

/** Picks one institution (or, with `mode="multiple"`, several) by typing part of its name; the list is searched on the server. */
export function InstitutionSelect<Value extends string | string[] = string>({
  value,
  ...props
}: Omit<SelectProps<Value>, 'options' | 'showSearch' | 'filterOption'>) {
  const [search, setSearch] = useState('');
  const [, setTyped] = useDebouncedCommit(search, setSearch, 250);
  const found = useInstitutionSearch(search);
  const chosen = useInstitutions([value ?? []].flat().filter((id) => typeof id === 'string'));

  const options = (found.data?.items ?? []).map((institution) => ({ value: institution.id, label: institution.name }));
  // The chosen institutions keep their names even when the current search does not list them.
  for (const { data } of chosen) {
    if (data && !options.some((option) => option.value === data.id)) {
      options.unshift({ value: data.id, label: data.name });
    }
  }

  return (
    <Select<Value>
      value={value}
      options={options}
      loading={found.isFetching}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      {...props}
    />
  );
}
