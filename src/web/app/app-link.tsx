import type { AnchorHTMLAttributes, MouseEvent, ReactNode } from 'react';
import { isModifiedClick, navigate } from './router.ts';

export type AppLinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href?: string; children?: ReactNode };

/** An `<a>` whose internal targets are handled by the client-side router. Registered as react-dsfr's Link. */
export function AppLink({ href, onClick, target, children, ...rest }: AppLinkProps) {
  const internal = href !== undefined && href.startsWith('/') && !href.startsWith('//') && !href.startsWith('/api/');
  function handleClick(event: MouseEvent<HTMLAnchorElement>): void {
    onClick?.(event);
    if (!internal || target === '_blank' || isModifiedClick(event)) return;
    event.preventDefault();
    navigate(href);
  }
  return (
    <a href={href} target={target} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
