/** Test helpers: write instants as Shanghai wall-clock time ("2025-06-13 20:00") and get ISO UTC strings. */
export function sh(localDateTime: string): string {
  const [date, time = '00:00'] = localDateTime.split(' ');
  return new Date(`${date}T${time}:00+08:00`).toISOString();
}

/** Every date from `from` to `to` inclusive, YYYY-MM-DD. */
export function datesFrom(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += 86_400_000) {
    dates.push(new Date(ms).toISOString().slice(0, 10));
  }
  return dates;
}
