package io.cephsmb.gateway.msspng;

import io.cephsmb.gateway.msspng.NegTokenResp.NegState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The server side of one SPNEGO negotiation ([RFC4178] 3, [MS-SPNG] 3.2.5): picks the first
 * mechanism in the client's list that the server supports, feeds it the tokens and wraps its
 * answers in NegTokenResp, and checks and produces the mechListMIC over the DER MechTypeList
 * (MS-SPNG 3.2.5.1, RFC 4178 5).
 *
 * <p>A mechListMIC is required from the client when the chosen mechanism was not the client's first
 * choice (the server then sends negState request-mic); it is verified whenever the client sends
 * one, and the server answers a verified one with its own. Not thread-safe; one per SESSION_SETUP
 * exchange.
 */
public final class SpnegoAcceptor {
  /** Where the negotiation stands. */
  public enum State {
    /** Waiting for the client's NegTokenInit. */
    INITIAL,
    /** A mechanism is chosen and needs more tokens. */
    IN_PROGRESS,
    /** Authentication succeeded. */
    COMPLETE,
    /** Authentication failed; no more tokens are accepted. */
    FAILED
  }

  /** The hint name [MS-SPNG] 3.2.5.2 says servers send in NegTokenInit2. */
  public static final String HINT_NAME = "not_defined_in_RFC4178@please_ignore";

  private final Map<String, Supplier<GssMechanism>> mechanisms;
  private State state = State.INITIAL;
  private GssMechanism mech;
  private byte[] mechTypesDer;
  private boolean micRequired;
  private boolean firstReply = true;
  private String failure;
  private int failureStatus = GssMechanism.Step.LOGON_FAILURE;

  /**
   * An acceptor.
   *
   * @param mechanisms mechanism factories by OID, in the server's order of preference (the order of
   *     the NegTokenInit2 hint); one context is created when a mechanism is chosen
   */
  public SpnegoAcceptor(Map<String, Supplier<GssMechanism>> mechanisms) {
    if (mechanisms.isEmpty()) {
      throw new IllegalArgumentException("no mechanisms");
    }
    this.mechanisms = new LinkedHashMap<>(mechanisms);
  }

  /** The GSS-framed NegTokenInit2 for the SMB2 NEGOTIATE response security buffer. */
  public byte[] negotiateHint() {
    return SpnegoInitToken.encode(
        NegTokenInit.of(new ArrayList<>(mechanisms.keySet()), null, HINT_NAME, null));
  }

  /** The current state. */
  public State state() {
    return state;
  }

  /** The chosen mechanism's context; after {@link State#COMPLETE} it has the key and identity. */
  public GssMechanism mechanism() {
    if (mech == null) {
      throw new IllegalStateException("no mechanism chosen");
    }
    return mech;
  }

  /** Why the negotiation failed, or null. */
  public String failure() {
    return failure;
  }

  /** The NTSTATUS a failed negotiation answers (STATUS_LOGON_FAILURE unless the mechanism said). */
  public int failureStatus() {
    return failureStatus;
  }

  /**
   * Processes one security buffer from the client and returns the one to send back (a NegTokenResp;
   * on failure one with negState reject). Malformed tokens fail the negotiation.
   */
  public byte[] accept(byte[] token) {
    try {
      switch (state) {
        case INITIAL:
          return first(SpnegoInitToken.decode(token));
        case IN_PROGRESS:
          return next(NegTokenResp.decode(token));
        default:
          return fail("token after the negotiation ended");
      }
    } catch (SpnegoException e) {
      return fail(e.getMessage());
    }
  }

  private byte[] first(NegTokenInit init) {
    String chosen = null;
    for (String oid : init.mechTypes()) {
      if (mechanisms.containsKey(oid)) {
        chosen = oid;
        break;
      }
    }
    if (chosen == null) {
      return fail("no common mechanism in " + init.mechTypes());
    }
    mech = mechanisms.get(chosen).get();
    mechTypesDer = init.mechTypesDer();
    state = State.IN_PROGRESS;
    boolean preferred = chosen.equals(init.mechTypes().get(0));
    micRequired = !preferred;
    if (!preferred || init.mechToken() == null) {
      // The optimistic token, if any, was for another mechanism: ask for ours.
      firstReply = false;
      NegState s = preferred ? NegState.ACCEPT_INCOMPLETE : NegState.REQUEST_MIC;
      return new NegTokenResp(s, chosen, null, null).encode();
    }
    return step(mech.accept(init.mechToken()), init.mechListMic());
  }

  private byte[] next(NegTokenResp resp) {
    if (resp.responseToken() == null) {
      return fail("NegTokenResp without responseToken while the mechanism needs one");
    }
    return step(mech.accept(resp.responseToken()), resp.mechListMic());
  }

  private byte[] step(GssMechanism.Step step, byte[] clientMic) {
    String supported = firstReply ? mech.oid() : null;
    firstReply = false;
    switch (step.status()) {
      case CONTINUE:
        return new NegTokenResp(NegState.ACCEPT_INCOMPLETE, supported, step.outputToken(), null)
            .encode();
      case COMPLETE:
        byte[] serverMic = null;
        if (clientMic != null) {
          if (!mech.verifyMic(mechTypesDer, clientMic)) {
            return fail("mechListMIC does not verify");
          }
          serverMic = mech.getMic(mechTypesDer).orElse(null);
        } else if (micRequired) {
          return fail("mechListMIC required but missing");
        }
        state = State.COMPLETE;
        return new NegTokenResp(NegState.ACCEPT_COMPLETED, supported, step.outputToken(), serverMic)
            .encode();
      case FAILED:
        failureStatus = step.failureStatus();
        return fail(step.detail());
    }
    throw new AssertionError(step.status());
  }

  private byte[] fail(String why) {
    state = State.FAILED;
    failure = why;
    return new NegTokenResp(NegState.REJECT, null, null, null).encode();
  }
}
