import { createHash } from 'node:crypto'
import { formatLocal } from '../../conversation/format'
import type { FeedItem } from '../../services/console-feed'

/** A demo person's chat as bubbles; card buttons post their click back. Rendered for the page and for live updates. */
export function ChatFeed(props: { items: FeedItem[]; personKey: string; timeZone: string }) {
  return (
    <>
      {props.items.length === 0 ? <p class="meta">还没有消息。发送「帮助」试试。</p> : null}
      {props.items.map((item) => (
        <div class={item.from === 'me' ? 'me' : 'bot'}>
          <div class="bubble">{item.text}</div>
          {item.buttons?.map((button) => (
            <form method="post" action={`/console/chat/${props.personKey}/card`} style="display:inline" data-live>
              <input type="hidden" name="key" value={button.key} />
              <button type="submit">{button.text}</button>
            </form>
          ))}
          <div class="meta">
            {formatLocal(item.at, props.timeZone)}
            {item.status && item.status !== 'sent' ? ` · ${item.status === 'pending' ? '待发送' : item.status}` : ''}
          </div>
        </div>
      ))}
    </>
  )
}

/** Changes whenever a message arrives or one's delivery status changes: when to push a new rendering. */
export function feedSignature(items: FeedItem[]): string {
  const hash = createHash('sha1')
  for (const item of items) hash.update(`${item.at.getTime()}|${item.from}|${item.status ?? ''}|${item.text.length}\n`)
  return hash.digest('hex')
}

/**
 * The page's live behaviour, without a build step: the feed follows the server's event stream, and the
 * forms post in the background so the page (and what was typed) stays put. Without JavaScript the forms
 * still post and the page reloads.
 */
export const LIVE_SCRIPT = `
(() => {
  const feed = document.getElementById('feed');
  const scroll = () => feed.lastElementChild && feed.lastElementChild.scrollIntoView({ block: 'end' });
  const events = new EventSource(location.pathname + '/events');
  events.addEventListener('feed', (e) => { feed.innerHTML = e.data; feed.dataset.live = 'on'; scroll(); });
  document.addEventListener('submit', async (e) => {
    const form = e.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-live')) return;
    e.preventDefault();
    const status = document.getElementById('send-status');
    status.textContent = '发送中…';
    try {
      const res = await fetch(form.action, { method: 'POST', body: new FormData(form), redirect: 'manual' });
      if (res.type !== 'opaqueredirect' && !res.ok) throw new Error(String(res.status));
      status.textContent = '';
      if (form.querySelector('textarea, input[type=file]')) form.reset();
    } catch (error) {
      status.textContent = '发送失败，请重试。';
    }
  });
  // Location picking as on a phone: the browser's position fills the form (the label stays editable).
  const locate = document.getElementById('use-my-location');
  if (locate && navigator.geolocation) {
    locate.addEventListener('click', () => {
      navigator.geolocation.getCurrentPosition(
        (pos) => {
          const form = locate.form;
          form.latitude.value = pos.coords.latitude.toFixed(6);
          form.longitude.value = pos.coords.longitude.toFixed(6);
          form.label.value = '当前位置';
        },
        () => { document.getElementById('send-status').textContent = '无法获取当前位置，请手动填写经纬度。'; },
        { timeout: 10000 },
      );
    });
  } else if (locate) {
    locate.hidden = true;
  }
  scroll();
})();
`
