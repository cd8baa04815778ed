import ReactMarkdown from 'react-markdown';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';

export function Comment({ body }: { body: string }) {
  // ruleid: xss
  return <ReactMarkdown escapeHtml={false} children={body} />;
}

export function Note({ body }: { body: string }) {
  // ruleid: xss
  return <ReactMarkdown rehypePlugins={[rehypeRaw]}>{body}</ReactMarkdown>;
}

export function SafeNote({ body }: { body: string }) {
  // ok: xss
  return <ReactMarkdown rehypePlugins={[rehypeRaw, rehypeSanitize]}>{body}</ReactMarkdown>;
}

export function Plain({ body }: { body: string }) {
  // ok: xss
  return <ReactMarkdown>{body}</ReactMarkdown>;
}
