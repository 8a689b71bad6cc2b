import { Button, Tooltip } from "antd";
import { useState } from "react";

import { download } from "../../lib/files.ts";
import { useI18n } from "../../lib/i18n.tsx";

/** A file from the api; a refusal (no access, bad date) shows on the button instead of a JSON page. */
export function DownloadButton({
  url,
  name,
  label,
  size,
}: {
  url: string;
  name: string;
  label: string;
  size?: "small";
}) {
  const { locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onClick = async () => {
    setBusy(true);
    setError(null);
    try {
      await download(url, name);
    } catch (e) {
      const err = e as Error & { messageEn?: string };
      setError(locale === "en" && err.messageEn ? err.messageEn : err.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Tooltip title={error} open={error ? undefined : false}>
      <Button
        size={size}
        danger={!!error}
        loading={busy}
        onClick={() => void onClick()}
        aria-describedby={undefined}
      >
        {label}
      </Button>
      {error ? (
        <span role="alert" className="visually-hidden">
          {error}
        </span>
      ) : null}
    </Tooltip>
  );
}
