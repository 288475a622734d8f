import { useState } from 'preact/hooks';
import { problemMessage, request } from '../api.js';

/**
 * A staff POST with the refusal kept for the page to show: `post` resolves true when the API accepted it
 * (then `onDone` reloads what changed), false with `error` set to the problem in words.
 */
export function usePost(headers: Record<string, string>, onDone: () => void) {
  const [error, setError] = useState('');
  const post = async (path: string, body: unknown): Promise<boolean> => {
    const result = await request('POST', path, { body, headers });
    if (result.status === 200 || result.status === 201) {
      setError('');
      onDone();
      return true;
    }
    setError(problemMessage(result));
    return false;
  };
  return { error, setError, post };
}
