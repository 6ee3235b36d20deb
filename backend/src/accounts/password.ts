import { randomInt } from 'node:crypto';

// No 0/O, 1/l/I: the admin reads it out or types it into a message.
const LETTERS = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const ALPHABET = LETTERS + DIGITS;

/** A temporary password for a reset: 12 characters with letters and digits (the platform's rule), from a CSPRNG. */
export function generateTemporaryPassword(length = 12): string {
  for (;;) {
    const password = Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    if (/[A-Za-z]/.test(password) && /\d/.test(password)) return password;
  }
}
