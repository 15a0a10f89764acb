import type { ComponentChildren, JSX } from 'preact';
import { useId } from 'preact/hooks';
import { ApiProblem } from './api.js';
import { COLOURS } from './format.js';

/* Small shared pieces: labelled fields with their error next to them, error banners, colour badges. */

export function ColourBadge({ colour }: { colour: string | null }) {
  const key = colour ?? 'unscreened';
  return <span class={`badge colour-${key}`}>{COLOURS[key]}</span>;
}

export function ErrorBanner({ error }: { error: unknown }) {
  if (!error) return null;
  const text = error instanceof ApiProblem ? error.text : 'Noget gik galt. Prøv igen.';
  return (
    <div class="error-banner" role="alert">
      {text}
    </div>
  );
}

export function fieldError(error: unknown, ...paths: string[]): string | undefined {
  if (!(error instanceof ApiProblem)) return undefined;
  const errors = error.fieldErrors;
  for (const p of paths) {
    const hit = errors[p] ?? Object.entries(errors).find(([k]) => k.startsWith(`${p}.`))?.[1];
    if (hit) return hit;
  }
  return undefined;
}

type FieldProps = {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => JSX.Element;
};

/** A label, the control and — right beside it — the Danish error for that field. */
export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      {hint && (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {children({ id, 'aria-invalid': Boolean(error), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {error && (
        <span class="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}

export function Section({ title, id, children, actions, wide }: { title: string; id: string; children: ComponentChildren; actions?: ComponentChildren; wide?: boolean }) {
  return (
    <section class={wide ? 'card wide' : 'card'} id={id} aria-labelledby={`${id}-title`}>
      <header class="card-header">
        <h2 id={`${id}-title`}>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

export const Loading = () => (
  <p class="loading" role="status">
    Indlæser …
  </p>
);
