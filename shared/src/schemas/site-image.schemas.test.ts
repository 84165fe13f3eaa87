import { describe, expect, it } from 'vitest';
import { MAX_SITE_IMAGE_BYTES, siteImageError, siteImageIdOf, siteImagePath, sniffImageType } from './site-image.schemas.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const WEBP = new Uint8Array([0x52, 0x49, 0x46, 0x46, 1, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50]);

describe('plan image uploads', () => {
  it('knows PNG, JPEG and WebP by their bytes', () => {
    expect([PNG, JPEG, WEBP, new Uint8Array([0x3c, 0x73, 0x76, 0x67])].map(sniffImageType)).toEqual(['image/png', 'image/jpeg', 'image/webp', null]);
  });

  it('names the field and the rule for what it refuses', () => {
    expect(siteImageError('image/png', PNG)).toBeNull();
    expect(siteImageError('image/jpeg; charset=binary', JPEG)).toBeNull();
    expect(siteImageError('image/svg+xml', PNG)).toMatchObject({ status: 415, message: expect.stringMatching(/^content-type: must be one of image\/png, image\/jpeg, image\/webp/) });
    expect(siteImageError(undefined, PNG)?.status).toBe(415);
    expect(siteImageError('image/png', new Uint8Array())).toEqual({ status: 400, message: 'body: must not be empty' });
    expect(siteImageError('image/png', JPEG)).toEqual({ status: 415, message: 'body: is not a PNG image (it is image/jpeg)' });
    expect(siteImageError('image/webp', new Uint8Array([1, 2, 3]))).toEqual({ status: 415, message: 'body: is not a WEBP image' });
    const huge = new Uint8Array(MAX_SITE_IMAGE_BYTES + 1);
    huge.set(PNG);
    expect(siteImageError('image/png', huge)).toEqual({ status: 413, message: 'body: must be at most 8 MiB' });
  });

  it("recognises a site's own image URLs", () => {
    const url = siteImagePath('demo', '0123456789abcdef0123');
    expect(url).toBe('/api/v1/sites/demo/images/0123456789abcdef0123');
    expect(siteImageIdOf('demo', url)).toBe('0123456789abcdef0123');
    expect(siteImageIdOf('other', url)).toBeNull();
    expect(siteImageIdOf('demo', '/plans/demo.png')).toBeNull();
  });
});
