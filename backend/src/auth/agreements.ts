/**
 * The version of the user agreement (用户协议) and privacy policy (隐私政策) shown at registration
 * (the web app's /terms and /privacy pages). Registration must name it, and the consent is kept with
 * the account; a new text gets a new version, so what each account agreed to stays known. Pure.
 */
export const AGREEMENT_VERSION = '2026-12-07' as const;
