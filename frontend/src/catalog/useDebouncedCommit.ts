import { useEffect, useEffectEvent, useState } from 'react';

const nothingSent = Symbol('nothing sent');

/**
 * A draft of a committed value (e.g. a search box over the URL's `q`): edits are committed once the user
 * pauses. When the committed value changes from elsewhere (back button, reset), it replaces the draft;
 * when it arrives as the echo of our own commit, the user may have typed on meanwhile, so the draft stays.
 */
export function useDebouncedCommit<T>(committed: T, commit: (value: T) => void, delayMs = 400) {
  const [draft, setDraft] = useState(committed);
  const [seen, setSeen] = useState(committed);
  const [sent, setSent] = useState<T | typeof nothingSent>(nothingSent);
  if (!Object.is(committed, seen)) {
    setSeen(committed);
    setSent(nothingSent);
    if (!Object.is(committed, sent)) setDraft(committed);
  }

  const onPause = useEffectEvent((value: T) => {
    setSent(value);
    commit(value);
  });
  useEffect(() => {
    // Nothing new, or already sent (a draft the owner normalises to the committed value, e.g. "  ").
    if (Object.is(draft, committed) || Object.is(draft, sent)) return;
    const timer = setTimeout(() => onPause(draft), delayMs);
    return () => clearTimeout(timer);
  }, [draft, committed, sent, delayMs]);
  return [draft, setDraft] as const;
}
