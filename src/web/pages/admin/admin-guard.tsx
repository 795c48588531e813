import type { ReactNode } from 'react';
import { useAdminToken } from '../../api/admin-session.ts';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { AdminBreadcrumb } from '../../components/admin-breadcrumb.tsx';
import { SignInForm } from './sign-in-form.tsx';

/** Admin pages require the admin token: while signed out, the page's title and a sign-in form. */
export function AdminGuard({ title, children }: { title: string; children: ReactNode }) {
  const signedIn = useAdminToken() !== null;
  if (signedIn) return <>{children}</>;
  return <SignedOut title={title} />;
}

function SignedOut({ title }: { title: string }) {
  useDocumentTitle(title);
  return (
    <>
      <AdminBreadcrumb current={title} />
      <h1>{title}</h1>
      <p>Cette page est réservée à l’administrateur. Connectez-vous pour continuer.</p>
      <SignInForm />
    </>
  );
}
