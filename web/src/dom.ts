/** The value of the form control an event came from ('' for anything else), without a cast. */
export function valueOf(event: Event): string {
  const target = event.currentTarget;
  return target instanceof HTMLInputElement ||
    target instanceof HTMLSelectElement ||
    target instanceof HTMLTextAreaElement
    ? target.value
    : '';
}

/** Whether the checkbox an event came from is ticked (false for anything else). */
export function checkedOf(event: Event): boolean {
  const target = event.currentTarget;
  return target instanceof HTMLInputElement && target.checked;
}
