/** A field's error or hint line, referenced by the field's aria-describedby. */
export function FieldMessage({ id, messages }: { id: string; messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <div id={id} className="mt-1 space-y-1 text-sm font-medium text-danger-fg">
      {messages.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );
}
