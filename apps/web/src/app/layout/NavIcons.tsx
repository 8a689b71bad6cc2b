import type { ReactNode } from "react";

/** A 24-unit line icon, drawn inline: the app carries no icon font. */
function Icon({ children, size = 22 }: { children: ReactNode; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export const TodoIcon = () => (
  <Icon>
    <path d="M9 11l3 3 8-8" />
    <path d="M20 12v7a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h9" />
  </Icon>
);
export const InboxIcon = () => (
  <Icon>
    <path d="M4 4h16v12H7l-3 3z" />
  </Icon>
);
export const TasksIcon = () => (
  <Icon>
    <path d="M8 6h13M8 12h13M8 18h13M3 6h.01M3 12h.01M3 18h.01" />
  </Icon>
);
export const LedgerIcon = () => (
  <Icon>
    <path d="M4 4h16v16H4zM4 10h16M10 10v10" />
  </Icon>
);
export const MeIcon = () => (
  <Icon>
    <circle cx="12" cy="8" r="4" />
    <path d="M4 21a8 8 0 0 1 16 0" />
  </Icon>
);
export const MenuIcon = () => (
  <Icon size={20}>
    <path d="M3 6h18M3 12h18M3 18h18" />
  </Icon>
);
