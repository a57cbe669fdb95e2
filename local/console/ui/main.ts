import { html, render } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { isLive, useLiveVersion } from './api';
import { BusPage } from './pages/bus';
import { FunctionsPage } from './pages/functions';
import { MailPage } from './pages/mail';
import { PipesPage } from './pages/pipes';
import { QueuesPage } from './pages/queues';
import { ReloadsPage } from './pages/reloads';
import { TablesPage } from './pages/tables';
import { TopologyPage } from './pages/topology';
import { TracePage, TracesPage } from './pages/traces';

const SECTIONS: Array<[string, string]> = [
  ['topology', 'Topology'],
  ['traces', 'Traces'],
  ['tables', 'Tables'],
  ['queues', 'Queues'],
  ['bus', 'Bus'],
  ['functions', 'Functions'],
  ['pipes', 'Pipes'],
  ['mail', 'Mail'],
  ['reloads', 'Reloads'],
];

/** `#/traces/abc?q=x` → section `traces`, rest `['abc']`, query `q=x`. */
function route(): { section: string; rest: string[]; query: URLSearchParams } {
  const [path, query = ''] = window.location.hash.replace(/^#\/?/, '').split('?');
  const [section = 'topology', ...rest] = path.split('/').filter((part) => part !== '').map(decodeURIComponent);
  return { section, rest, query: new URLSearchParams(query) };
}

function Page({ section, rest, query }: ReturnType<typeof route>): unknown {
  switch (section) {
    case 'traces':
      return rest[0] ? html`<${TracePage} id=${rest[0]} />` : html`<${TracesPage} query=${query.get('q') ?? ''} />`;
    case 'tables':
      return html`<${TablesPage} name=${rest[0]} />`;
    case 'queues':
      return html`<${QueuesPage} name=${rest[0]} highlight=${query.get('message') ?? undefined} />`;
    case 'bus':
      return html`<${BusPage} name=${rest[0]} />`;
    case 'functions':
      return html`<${FunctionsPage} name=${rest[0]} />`;
    case 'pipes':
      return html`<${PipesPage} />`;
    case 'mail':
      return html`<${MailPage} />`;
    case 'reloads':
      return html`<${ReloadsPage} />`;
    default:
      return html`<${TopologyPage} />`;
  }
}

function App(): unknown {
  const [current, setCurrent] = useState(route());
  useEffect(() => {
    const onHash = (): void => setCurrent(route());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useLiveVersion();
  return html`
    <header>
      <strong>Local runtime console</strong>
      <nav>${SECTIONS.map(([id, label]) => html`<a href=${`#/${id}`} class=${current.section === id ? 'active' : ''}>${label}</a>`)}</nav>
      <span class=${isLive() ? 'live on' : 'live'} title="Updates over Server-Sent Events">${isLive() ? 'live' : 'connecting…'}</span>
    </header>
    <main><${Page} ...${current} /></main>
  `;
}

render(html`<${App} />` as never, document.getElementById('app') as HTMLElement);
