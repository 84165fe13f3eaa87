import type { Messages } from './messages';

/** Storm cards: many alarms from one place folded into one card. */
export const stormEn: Pick<Messages, 'storm'> = {
  storm: {
    title: 'Alarm storm',
    count: '{{count}} alarms',
    siteWide: 'Site-wide · {{count}} zones',
    siteWideNoZones: 'Site-wide',
    unknownZone: 'Unknown zone',
    kind: '{{kind}} ×{{count}}',
    moreKinds: '+{{count}} more kinds',
    span: '{{from}} – {{to}}',
    active: 'Still arriving: {{count}} in the last minute',
    subsided: 'Subsided',
    unacknowledged: '{{count}} unacknowledged',
    allAcknowledged: 'All acknowledged',
    criticalApart: '{{count}} critical from here shown on their own above',
    expand: 'Show all {{count}}',
    collapse: 'Collapse',
    acknowledgeAll: 'Acknowledge all ({{count}})',
    resolveAll: 'Resolve all… ({{count}})',
    resolveTitle: 'Resolve {{count}} alarms of this storm',
    progress: 'Sending {{done}}/{{total}}…',
    done: '{{count}} done',
    failed: '{{failed}} of {{total}} failed: expand to see the marked alarms',
    foldHint: 'More than 20 alarms in 60 s from one zone or site are shown together; each is still its own alarm, recorded and acknowledged',
    membersLabel: 'Alarms of this storm',
    line: 'Alarm storm: {{count}} alarms ({{kinds}})',
    kindsSeparator: ', ',
    unfolded: 'Storm unfolded (too few of its alarms left to fold):',
    headerCount: 'Storms: {{count}}',
  },
};
