"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { errorMessage } from "@/components/ui/trpc-errors";
import type { ChangeRequestItem } from "./types";

/** Lets the requester (or an admin) take back a pending change request before security decides. */
export function WithdrawButton({ item }: { item: ChangeRequestItem }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const withdraw = useMutation(
    trpc.changeRequests.withdraw.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.changeRequests.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() });
        toast(`Withdrawn: ${item.summary}.`);
      },
    }),
  );
  return (
    <div className="flex flex-wrap items-center justify-end gap-3">
      {withdraw.isError && (
        <p role="alert" className="text-sm font-medium text-red-700">
          {errorMessage(withdraw.error)}
        </p>
      )}
      <Button
        variant="secondary"
        busy={withdraw.isPending}
        disabled={withdraw.isPending}
        onClick={() => withdraw.mutate({ id: item.id })}
      >
        Withdraw
      </Button>
    </div>
  );
}
