// A statement of reasons, whole: short ones as they are, long ones opened by a click (a native
// <details>, so keyboards and screen readers work without script). Nothing is cut without a way to
// read the rest.
import styles from './grounds.module.css';

/** The text's first `limit` characters, cut at a word boundary. */
export function previewOf(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit);
  const space = cut.lastIndexOf(' ');
  return (space > limit * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '');
}

export function ReasonText({ text, limit, what = 'reason' }: { text: string; limit: number; what?: string }) {
  const full = text.trim();
  if (full.length <= limit) return <p data-testid="reason-full">{full}</p>;
  return (
    <details className={styles.reason}>
      <summary>
        <span className={styles.preview}>{previewOf(full, limit)}… </span>
        <span className={`${styles.more} small`}>
          <span className={styles.moreClosed}>Read the full {what}</span>
          <span className={styles.moreOpen}>Hide the full {what}</span>
        </span>
      </summary>
      <p data-testid="reason-full">{full}</p>
    </details>
  );
}
