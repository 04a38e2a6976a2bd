import { describe, expect, it } from 'vitest';
import { attributesOf, decodeEntities, findJoinForm } from '../helpers/sipmediagwSimulator/joiner';

// How the simulated SIPMediaGW reads a join page (reference/bbb.md §4.1: Pod's `#id_name` form).

describe('findJoinForm', () => {
  const page = 'https://pod.univ.fr/meeting/1-webinaire/abc/0123456789';

  it("takes the form holding input#id_name: its action, method, the field's name, hidden inputs", () => {
    const html = `<form action="/search" method="get"><input id="q" name="q"></form>
<form action="../join/?next=%2F&amp;lang=fr" method="POST" class='x'>
  <input type='hidden' name='csrfmiddlewaretoken' value='t&#39;ok'>
  <input type=text name=name id=id_name maxlength=64 required>
  <input type="hidden" name="role" value="viewer"/>
</form>`;
    expect(findJoinForm(html, page)).toEqual({
      action: 'https://pod.univ.fr/meeting/1-webinaire/join/?next=%2F&lang=fr',
      method: 'POST',
      nameField: 'name',
      hidden: [
        ['csrfmiddlewaretoken', "t'ok"],
        ['role', 'viewer'],
      ],
    });
  });

  it('posts back to the page itself without an action, and defaults to GET like a browser', () => {
    const form = findJoinForm('<FORM><INPUT ID="id_name" NAME="fullname"></FORM>', page);
    expect(form).toEqual({ action: page, method: 'GET', nameField: 'fullname', hidden: [] });
  });

  it('finds nothing on a page without the field', () => {
    expect(findJoinForm('<form><input id="name"></form><p>id_name</p>', page)).toBeNull();
  });
});

describe('HTML attributes', () => {
  it('reads quoted, unquoted and bare attributes, entities decoded', () => {
    expect(
      Object.fromEntries(attributesOf('<input type="text" value=\'a &amp; b\' data-x=1 required>')),
    ).toEqual({ type: 'text', value: 'a & b', 'data-x': '1', required: '' });
    expect(decodeEntities('&lt;&#x41;&#66;&quot;&unknown;')).toBe('<AB"&unknown;');
  });
});
