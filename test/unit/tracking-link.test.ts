import { describe, expect, it } from 'vitest';
import {
  addressWithoutQueryToken,
  readTrackingFragment,
  trackingLinkToSection,
  trackingPagePath,
} from '../../shared/domain/tracking-link.js';

describe('tracking links', () => {
  it('carry the token in the fragment, never in the query string', () => {
    const path = trackingPagePath('CLM-2026-000042', 'tok_A-1');
    expect(path).toBe('/track.html?number=CLM-2026-000042#t=tok_A-1');
    const url = new URL(path, 'https://claims.example');
    // What a browser sends (and CloudFront logs) is the path and query: no token there.
    expect(`${url.pathname}${url.search}`).toBe('/track.html?number=CLM-2026-000042');
    expect(url.searchParams.has('token')).toBe(false);
    expect(readTrackingFragment(url.hash)).toEqual({ token: 'tok_A-1', section: undefined });
  });

  it('keep the English page in the query and open at a section through the fragment', () => {
    const path = trackingPagePath('CLM-2026-000042', 'tok', 'en', 'survey');
    expect(path).toBe('/track.html?number=CLM-2026-000042&lang=en#t=tok&section=survey');
    const link = `https://claims.example${trackingPagePath('CLM-2026-000042', 'tok', 'en')}`;
    expect(trackingLinkToSection(link, 'survey')).toBe(
      'https://claims.example/track.html?number=CLM-2026-000042&lang=en#t=tok&section=survey',
    );
    expect(readTrackingFragment('#t=tok&section=survey')).toEqual({ token: 'tok', section: 'survey' });
  });

  it('escape a token that holds fragment characters, and read it back whole', () => {
    const token = 'a+b/c=d&e#f';
    const path = trackingPagePath('CLM-2026-000042', token);
    expect(path).not.toContain('#f');
    expect(readTrackingFragment(new URL(path, 'https://x.example').hash)).toMatchObject({ token });
  });

  it('read a link mailed before the move: ?token= and a bare #survey', () => {
    expect(readTrackingFragment('#survey', '?number=CLM-2026-000042&token=old')).toEqual({
      token: 'old',
      section: 'survey',
    });
    expect(readTrackingFragment('', '?number=CLM-2026-000042')).toEqual({
      token: undefined,
      section: undefined,
    });
    // A part of the page the link builder does not name is not a section.
    expect(readTrackingFragment('#app').section).toBeUndefined();
  });

  it('move an old link’s query token into the fragment, keeping number and language', () => {
    expect(
      addressWithoutQueryToken('/track.html', '?number=CLM-2026-000042&token=old&lang=en', '#survey'),
    ).toBe('/track.html?number=CLM-2026-000042&lang=en#t=old&section=survey');
    expect(addressWithoutQueryToken('/track.html', '?token=old', '')).toBe('/track.html#t=old');
    // A new link has nothing to move.
    expect(addressWithoutQueryToken('/track.html', '?number=CLM-2026-000042', '#t=new')).toBeNull();
  });
});
