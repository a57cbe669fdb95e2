import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { useLiveJson } from '../api';
import { link, loading, problem } from '../components';

interface TableInfo {
  name: string;
  arn: string;
  keySchema: Array<{ AttributeName: string; KeyType: string }>;
  stream?: string;
}

interface ItemsPage {
  items: Array<Record<string, Record<string, unknown>>>;
  next?: string;
  partitionKey: string;
}

/** An attribute value as text: `{S: "x"}` → x, anything else as JSON. */
function plain(value: Record<string, unknown>): string {
  const [[type, inner]] = Object.entries(value);
  return type === 'S' || type === 'N' ? String(inner) : JSON.stringify(value);
}

export function TablesPage({ name }: { name?: string }): unknown {
  const tables = useLiveJson<TableInfo[]>('/tables');
  if (!name) {
    return html`<h1>Tables</h1>${problem(tables.error)}
      ${!tables.data ? loading() : html`<table class="list"><thead><tr><th>Table</th><th>Key</th><th>Stream</th></tr></thead><tbody>
        ${tables.data.map((table) => html`<tr><td>${link(`#/tables/${encodeURIComponent(table.name)}`, table.name)}</td>
          <td>${table.keySchema.map((key) => `${key.AttributeName} (${key.KeyType})`).join(', ')}</td><td>${table.stream ?? '—'}</td></tr>`)}
      </tbody></table>`}`;
  }
  return html`<${TableItems} name=${name} />`;
}

function TableItems({ name }: { name: string }): unknown {
  const [starts, setStarts] = useState<string[]>([]);
  const [partition, setPartition] = useState('');
  const [applied, setApplied] = useState('');
  const start = starts[starts.length - 1];
  const query = new URLSearchParams({ limit: '25', ...(start ? { start } : {}), ...(applied ? { partition: applied } : {}) });
  const { data, error } = useLiveJson<ItemsPage>(`/tables/${encodeURIComponent(name)}/items?${query}`);
  const columns = data ? [...new Set(data.items.flatMap((item) => Object.keys(item)))].sort((a, b) => (a === data.partitionKey ? -1 : b === data.partitionKey ? 1 : a.localeCompare(b))) : [];
  return html`
    <h1>${name}</h1>
    <form class="search" onSubmit=${(event: Event) => {
      event.preventDefault();
      setStarts([]);
      setApplied(partition);
    }}>
      <input value=${partition} onInput=${(event: Event) => setPartition((event.target as HTMLInputElement).value)}
        placeholder=${data ? `Query by ${data.partitionKey} (empty: scan)` : 'Query by partition key'} aria-label="Partition key value" />
      <button type="submit">${partition ? 'Query' : 'Scan'}</button>
    </form>
    ${problem(error)}
    ${!data ? loading() : html`
      <p class="muted">${applied ? `Query ${data.partitionKey} = ${applied}` : 'Scan'}, page ${starts.length + 1}: ${data.items.length} items.</p>
      <table class="list items"><thead><tr>${columns.map((column) => html`<th>${column}</th>`)}</tr></thead>
        <tbody>${data.items.map((item) => html`<tr>${columns.map((column) => html`<td>${item[column] ? plain(item[column]) : ''}</td>`)}</tr>`)}</tbody>
      </table>
      <p class="pager">
        <button disabled=${starts.length === 0} onClick=${() => setStarts(starts.slice(0, -1))}>Previous page</button>
        <button disabled=${!data.next} onClick=${() => data.next && setStarts([...starts, data.next])}>Next page</button>
      </p>`}
  `;
}
