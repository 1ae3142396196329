/** The app's mark, the same drawing as the favicon. */
export function HomeIcon({ size = 24 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="6" fill="#1677ff" />
      <path d="M6 16 16 7l10 9v9H19v-6h-6v6H6z" fill="#fff" />
    </svg>
  );
}
