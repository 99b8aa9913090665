package dev.lpa.core.workspace;

/**
 * A video or voice call invitation (a COBROWSE dialog; decisions.md #18).
 *
 * @param mode VIDEO_CALL or VOICE_CALL
 * @param state INVITED, ACCEPTED, CLOSED (follow the conversation's dialogs for changes)
 * @param agentUrl where the agent joins the call (opened in the system browser)
 */
public record CallInvitation(String conversationId, String dialogId, String mode, String state, String agentUrl) {}
