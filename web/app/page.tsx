import { redirect } from 'next/navigation';

// The app's home is the inbox; the signed-in layout sends visitors without a session to /sign-in.
export default function Home(): never {
  redirect('/inbox');
}
