import { redirect } from "next/navigation";

// The console lives under /app; proxy.ts and the pages send anonymous visitors to /sign-in.
export default function Home() {
  redirect("/app");
}
