// Props of the components playbook authors use are checked, so a typo fails the build with a
// message that names the component, the prop and what it accepts.
import type { z } from 'zod';

export function checkProps<S extends z.ZodType>(component: string, schema: S, props: unknown, where?: string): z.output<S> {
  const result = schema.safeParse(props);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const prop = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(props)');
    return `prop "${prop}": ${issue.message}`;
  });
  const error = new Error(`<${component}>${where ? ` in ${where}` : ''}: ${problems.join('; ')}. See the authoring guide (/authoring/) for its props.`);
  // A content mistake, not a bug: Astro prints the stack it carries, which would bury the message.
  error.stack = `${error.name}: ${error.message}`;
  throw error;
}
