import type { Messages } from './messages';

export const phoneSetupEn: Pick<Messages, 'phoneHttps' | 'phoneSetup'> = {
  phoneHttps: {
    title: 'Location and camera are blocked',
    reason: 'This page was opened over plain HTTP, so the browser withholds location and camera.',
    openSecure: 'Open the secure HTTPS page',
    firstTime: 'First time on this phone? Install the Vigil certificate first, or the phone will warn that the connection is not private.',
    setupLink: 'Phone setup and certificate',
    noHttps: 'This server has no HTTPS address. Ask the administrator to turn HTTPS on (HTTPS_PORT).',
  },
  phoneSetup: {
    title: "Set up a guard's phone",
    intro:
      "Phone browsers give location and the camera only to HTTPS pages. Vigil signs its HTTPS address with a certificate authority (CA) made on this server: install that CA once on each phone, then open the guard page.",
    loading: 'Reading the server settings…',
    failed: 'Cannot read the server settings: {{message}}',
    downloadTitle: 'Step 1: download the certificate',
    downloadText: "Scan the QR code with the phone's camera, or tap the link on the phone:",
    downloadDer: 'Download the CA certificate (.crt)',
    downloadPem: 'PEM (for computers)',
    fingerprint: 'SHA-256 fingerprint (compare with what the phone shows)',
    androidTitle: 'Android',
    android: {
      s1: "Tap the download link: vigil-local-ca.crt is saved to Downloads. Chrome may say it cannot install it from there; that is expected.",
      s2: 'Open Settings → Security & privacy → More security settings → Encryption & credentials → Install a certificate → CA certificate (Samsung: Settings → Biometrics and security → Other security settings → Install from device storage → CA certificate).',
      s3: 'Tap Install anyway, confirm with the screen lock, and pick vigil-local-ca.crt from Downloads.',
      s4: 'Check: Encryption & credentials → Trusted credentials → User lists "Vigil local CA".',
    },
    iosTitle: 'iPhone / iPad',
    ios: {
      s1: 'Open the download link in Safari (not another browser) and tap Allow: "Profile Downloaded".',
      s2: 'Open Settings → General → VPN & Device Management → Vigil local CA → Install, and enter the passcode.',
      s3: 'Then Settings → General → About → Certificate Trust Settings: turn on full trust for "Vigil local CA".',
    },
    openTitle: 'Step 2: open the guard page over HTTPS',
    openText: "Scan the QR code or tap the link, sign in with the guard's account and allow location when asked.",
    noHttps: 'This server has no HTTPS address (HTTPS_PORT=off). Ask the administrator to turn HTTPS on, or to put it behind an HTTPS proxy.',
    noCa: "This server uses the administrator's own certificate: there is no CA to install here. If phones warn, ask the administrator for the CA that signed it.",
    qrAlt: 'QR code: {{url}}',
  },
};
