import { PasswordHasher } from './password-hasher';

describe('password hashes (argon2id)', () => {
  const hasher = new PasswordHasher();

  it('hashes with argon2id, salted: the same password twice gives two different hashes', async () => {
    const [a, b] = await Promise.all([hasher.hash('correct horse battery'), hasher.hash('correct horse battery')]);
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
  });

  it('verifies the right password, refuses a wrong one and a missing hash', async () => {
    const h = await hasher.hash('correct horse battery');
    expect(await hasher.verify(h, 'correct horse battery')).toBe(true);
    expect(await hasher.verify(h, 'correct horse batterY')).toBe(false);
    expect(await hasher.verify(null, 'correct horse battery')).toBe(false);
  });

  it('the same password typed with full-width characters verifies (NFKC)', async () => {
    const h = await hasher.hash('ｃｏｒｒｅｃｔ　ｈｏｒｓｅ　１２３');
    expect(await hasher.verify(h, 'correct horse 123')).toBe(true);
  });
});
