import type { ButtonHTMLAttributes } from 'react';

/** A button drawn as a symbol: its name is read to screen readers and shown as a tooltip, so a mouse user sees it too. */
export function IconButton({ label, className = 'link', ...rest }: { label: string } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'aria-label' | 'title' | 'type'>) {
  return <button type="button" className={className} aria-label={label} title={label} {...rest} />;
}
