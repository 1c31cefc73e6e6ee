const recoveryText = {
    none: '',
    recovered: ' (recovered: nothing missed)',
    lost: ' (not recovered: events may be missing)',
    unsupported: ' (the server cannot recover missed events)',
};
/** The connection state in words; `recovery` is what the last subscribe brought back. */
export function stateLabel(state, recovery = 'none', now = Date.now()) {
    switch (state.status) {
        case 'connecting':
            return state.attempt === 0 ? 'connecting' : `connecting (attempt ${state.attempt + 1})`;
        case 'open':
            return `open${recoveryText[recovery]}`;
        case 'reconnecting':
            return `reconnecting in ${Math.max(0, Math.ceil((state.retryAt - now) / 1000))} s (closed ${state.code}${state.reason ? `: ${state.reason}` : ''})`;
        case 'renewing-token':
            return `token refused (${state.code}): looking for a newly pasted one`;
        case 'paused':
            return state.reason === 'hidden' ? 'paused while the page is hidden' : 'paused while offline';
        case 'closed': {
            const hint = state.code === 4001 || state.code === 4002 ? ', paste a new token and press Connect' : '';
            return `closed (${state.code}${state.reason ? `: ${state.reason}` : ''})${hint}`;
        }
    }
}
/** Shows a state in an element, and its status in `data-status` for styles and tests. */
export function showState(element, state, recovery) {
    element.textContent = stateLabel(state, recovery);
    element.dataset['status'] = state.status;
}
