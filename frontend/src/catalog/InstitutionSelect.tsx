import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import { useInstitution, useInstitutionSearch } from '../api/institutions';
import { useDebouncedCommit } from './useDebouncedCommit';

/** Picks one institution by typing part of its name; the list is searched on the server. */
export function InstitutionSelect({
  value,
  ...props
}: Omit<SelectProps<string>, 'options' | 'showSearch' | 'filterOption'>) {
  const [search, setSearch] = useState('');
  const [, setTyped] = useDebouncedCommit(search, setSearch, 250);
  const found = useInstitutionSearch(search);
  const chosen = useInstitution(value ?? null);

  const options = (found.data?.items ?? []).map((institution) => ({ value: institution.id, label: institution.name }));
  // The chosen institution keeps its name even when the current search does not list it.
  if (chosen.data && !options.some((option) => option.value === chosen.data.id)) {
    options.unshift({ value: chosen.data.id, label: chosen.data.name });
  }

  return (
    <Select
      value={value}
      options={options}
      loading={found.isFetching}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      {...props}
    />
  );
}
