export function closeAction(code) {
    switch (code) {
        case 1000:
            return 'stay-closed';
        case 1009:
        case 4000:
            return 'report';
        case 4001:
        case 4002:
            return 'renew-token';
        default:
            return 'reconnect';
    }
}
