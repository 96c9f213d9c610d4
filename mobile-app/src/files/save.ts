import { Platform, Share } from 'react-native';

/**
 * Hands a file to the person: the browser downloads it; a phone or tablet opens its share sheet with the text, from
 * which it can go to mail, files or a spreadsheet app.
 */
export async function saveFile(name: string, text: string, type: string): Promise<void> {
  if (Platform.OS === 'web' && typeof document !== 'undefined') {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    // The download has started from the address; letting it go at once can cancel it in some browsers.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return;
  }
  await Share.share({ title: name, message: text });
}
