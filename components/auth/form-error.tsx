/** A form's error, announced to screen readers as soon as it appears. */
export function FormError({ id, message }: { id: string; message: string | null }) {
  return (
    <p id={id} role="alert" className="min-h-6 text-sm font-medium text-danger-fg">
      {message}
    </p>
  );
}
