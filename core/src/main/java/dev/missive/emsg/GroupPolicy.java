package dev.missive.emsg;

import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.Role;
import java.util.Optional;

/**
 * The group rules, as one pure decision ({@code docs/emsg.md}, "Group rules"):
 *
 * <ul>
 *   <li>any member sends and leaves; a non-member does nothing;
 *   <li>admins (the owner included) invite non-members and change name, description and picture;
 *   <li>admins remove plain members; the owner also removes admins; nobody removes the owner, and
 *       nobody removes themselves (they leave);
 *   <li>only the owner assigns admin (to a plain member) and revokes it (from an admin).
 * </ul>
 */
public final class GroupPolicy {

    private GroupPolicy() {}

    /**
     * Decides whether an action is allowed.
     *
     * @param actor  the actor's role, or null if the actor is not a member
     * @param action the action
     * @param target the target's role for actions with a target (null if the target is not a member);
     *               ignored for the others
     * @param self   whether the target is the actor
     * @return empty if allowed, else the refusal: {@code 403}, or {@code 409} when the target already
     *     is what the action would make it (inviting a member, assigning an admin), {@code 404} when the
     *     target is not a member
     */
    public static Optional<EmsgError> decide(Role actor, GroupAction action, Role target, boolean self) {
        if (actor == null) {
            return Optional.of(EmsgError.FORBIDDEN);
        }
        return switch (action) {
            case SEND, LEAVE -> Optional.empty();
            case RENAME, DESCRIBE, CHANGE_PICTURE -> actor.isAdmin() ? Optional.empty() : forbidden();
            case INVITE -> !actor.isAdmin() ? forbidden() : target != null ? conflict() : Optional.empty();
            case REMOVE -> {
                if (!actor.isAdmin() || self) {
                    yield forbidden();
                }
                if (target == null) {
                    yield notFound();
                }
                yield switch (target) {
                    case MEMBER -> Optional.empty();
                    case ADMIN -> actor == Role.OWNER ? Optional.empty() : forbidden();
                    case OWNER -> forbidden();
                };
            }
            case ASSIGN_ADMIN -> {
                if (actor != Role.OWNER) {
                    yield forbidden();
                }
                if (target == null) {
                    yield notFound();
                }
                yield target == Role.MEMBER ? Optional.empty() : conflict();
            }
            case REVOKE_ADMIN -> {
                if (actor != Role.OWNER) {
                    yield forbidden();
                }
                if (target == null) {
                    yield notFound();
                }
                yield switch (target) {
                    case ADMIN -> Optional.empty();
                    case MEMBER -> conflict();
                    case OWNER -> forbidden();
                };
            }
        };
    }

    private static Optional<EmsgError> forbidden() {
        return Optional.of(EmsgError.FORBIDDEN);
    }

    private static Optional<EmsgError> conflict() {
        return Optional.of(EmsgError.CONFLICT);
    }

    private static Optional<EmsgError> notFound() {
        return Optional.of(EmsgError.NOT_FOUND);
    }
}
