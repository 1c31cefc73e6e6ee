import { eventWorkspaceId, type EventsClient, type NodeEventFrame } from '@akka-realtime/client';

const maxItems = 50;

function prepend(list: HTMLElement, text: string): void {
  const item = document.createElement('li');
  item.textContent = text;
  list.prepend(item);
  while (list.children.length > maxItems) list.lastElementChild?.remove();
}

function describeNodeEvent(frame: NodeEventFrame): string {
  const type = frame.Type ?? 'CREATE'; // CREATE is the zero value, omitted on the wire
  const target = frame.Target?.Path;
  const source = frame.Source?.Path;
  if (type === 'UPDATE_PATH') return `${type} ${source ?? '?'} → ${target ?? '?'}`;
  return `${type} ${target ?? source ?? '?'}`;
}

/** Lists live events: node events grouped per workspace with their paths, the other kinds below. */
export function showEvents(client: EventsClient, byWorkspace: HTMLElement, others: HTMLElement): void {
  const workspaceList = (workspace: string): HTMLElement => {
    const existing = byWorkspace.querySelector<HTMLElement>(`section[data-workspace="${CSS.escape(workspace)}"] ul`);
    if (existing) return existing;
    const section = document.createElement('section');
    section.dataset['workspace'] = workspace;
    const title = document.createElement('h3');
    title.textContent = workspace;
    const list = document.createElement('ul');
    section.append(title, list);
    byWorkspace.append(section);
    return list;
  };

  client.on('node', (frame) => prepend(workspaceList(eventWorkspaceId(frame) ?? 'unknown workspace'), describeNodeEvent(frame)));
  client.on('task', (frame) => {
    const task = frame.TaskUpdated;
    const progress = task.HasProgress && task.Progress !== undefined ? ` ${Math.round(task.Progress * 100)} %` : '';
    prepend(others, `task ${task.JobID ?? task.ID ?? ''}: ${task.Status ?? ''}${progress} ${task.StatusMessage ?? ''}`);
  });
  client.on('activity', (frame) => prepend(others, `activity: ${JSON.stringify(frame.Activity ?? {})}`));
  client.on('idm', (frame) => prepend(others, `identity ${frame.Type ?? 'CREATE'}: ${Object.keys(frame).filter((k) => k !== '@type' && k !== 'Type').join(', ')}`));
}
