/** A span of working time as a countdown reads it, h:mm:ss: 2:59:41, 15:00:00. */
export function formatWorkingTime(seconds: number): string {
  const whole = Math.floor(Math.abs(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(whole / 3600)}:${pad(Math.floor((whole % 3600) / 60))}:${pad(whole % 60)}`;
}
