import { useState } from 'react';

/** The last non-null value: lets a drawer or modal keep its content while it closes. */
export function useLastShown<T>(value: T | null): T | null {
  const [last, setLast] = useState(value);
  if (value !== null && value !== last) setLast(value);
  return last;
}
