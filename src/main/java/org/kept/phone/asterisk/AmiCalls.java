package org.kept.phone.asterisk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kept.contact.Direction;
import org.kept.phone.internal.CallEvent;

/**
 * Turns AMI events into the CTI call events ({@code newCall}, {@code answer}, {@code transfer}, {@code hangup}),
 * keyed by {@code Linkedid}: every channel of one call (the caller's, the queue members rung, an agent a call is
 * transferred to) carries the Linkedid of the channel that started it. The first channel's Newchannel starts the call
 * (inbound, unless its caller id is an internal extension); QueueCallerJoin puts it in a queue; AgentCalled, or a
 * DialBegin outside a queue, rings an agent; the first agent leg to enter the bridge (or AgentConnect) answers it, a
 * later one is a transfer; the first channel's Hangup ends it. State lives only while the call is on, in memory, and
 * survives a reconnect to the PBX; it is kept by one thread (the adapter's), so it needs no locking.
 */
class AmiCalls {

    /** At most this many calls are followed at once: a PBX that never reports some hangups cannot fill the memory. */
    private static final int MAX_CALLS = 20_000;

    /** The channel variable MixMonitor sets to the file it records into (Asterisk 11 and later). */
    static final String RECORDING_VARIABLE = "MIXMONITOR_FILENAME";

    private final int extensionMaxDigits;
    private final String recordingBaseUri;
    private final Map<String, Call> calls = new LinkedHashMap<>();

    AmiCalls(int extensionMaxDigits) {
        this(extensionMaxDigits, null);
    }

    AmiCalls(int extensionMaxDigits, String recordingBaseUri) {
        this.extensionMaxDigits = extensionMaxDigits;
        this.recordingBaseUri = recordingBaseUri == null || recordingBaseUri.isBlank() ? null : recordingBaseUri.strip();
    }

    /** What one call is so far. */
    private static final class Call {
        final String id;
        final String callerUniqueId;
        final String callerChannel;
        final String from;
        final String to;
        final Direction direction;
        final String ownAgent;
        final Map<String, String> agentLegs = new HashMap<>();
        final Set<String> hungUpLegs = new java.util.HashSet<>();
        String queue;
        String agent;
        String agentLeg;
        String recording;
        boolean answered;
        boolean abandoned;

        Call(String id, String callerUniqueId, String callerChannel, String from, String to, Direction direction,
             String ownAgent) {
            this.id = id;
            this.callerUniqueId = callerUniqueId;
            this.callerChannel = callerChannel;
            this.from = from;
            this.to = to;
            this.direction = direction;
            this.ownAgent = ownAgent;
        }
    }

    /** The call events this AMI event means (none for most). */
    List<CallEvent> on(AmiEvent e, Instant received) {
        if (e.linkedId() == null || e.linkedId().isBlank()) {
            return List.of();
        }
        Instant at = e.at() != null ? e.at() : received;
        List<CallEvent> out = new ArrayList<>(1);
        String name = e.name();
        if (name.equals("Newchannel")) {
            if (e.linkedId().equals(e.uniqueId()) && !calls.containsKey(e.linkedId())) {
                start(e, at, out);
            }
            return out;
        }
        Call call = calls.get(e.linkedId());
        if (call == null) {
            return out;  // a call that began before we connected: its record would be a fragment, so it is left alone
        }
        switch (name) {
            case "QueueCallerJoin" -> {
                call.queue = e.queue();
                out.add(event("newCall", call, at, null, null, null));
            }
            case "AgentCalled" -> {
                String agent = agentOf(e.member(), e.destChannel());
                if (e.destUniqueId() != null) {
                    call.agentLegs.put(e.destUniqueId(), agent);
                }
                if (!call.answered) {
                    if (e.queue() != null) {
                        call.queue = e.queue();
                    }
                    out.add(event("newCall", call, at, agent, null, null));
                }
            }
            case "DialBegin" -> {
                String agent = agentOf(null, e.destChannel());
                if (e.destUniqueId() != null && call.direction == Direction.INBOUND) {
                    call.agentLegs.putIfAbsent(e.destUniqueId(), agent);
                }
                if (call.direction == Direction.INBOUND && call.queue == null && !call.answered && agent != null) {
                    out.add(event("newCall", call, at, agent, null, null));
                }
            }
            case "AgentConnect" -> {
                String agent = agentOf(e.member(), e.destChannel());
                if (e.destUniqueId() != null) {
                    call.agentLegs.put(e.destUniqueId(), agent);
                }
                answered(call, agent, e.destUniqueId(), at, out);
            }
            case "BridgeEnter" -> {
                if (e.uniqueId() == null || e.uniqueId().equals(call.callerUniqueId)) {
                    break;
                }
                if (call.direction == Direction.OUTBOUND) {
                    answered(call, call.ownAgent, call.callerUniqueId, at, out);
                } else {
                    String agent = call.agentLegs.getOrDefault(e.uniqueId(), agentOf(null, e.channel()));
                    answered(call, agent, e.uniqueId(), at, out);
                }
            }
            case "QueueCallerAbandon" -> call.abandoned = true;
            case "VarSet" -> {
                // MixMonitor started on one of the call's channels: the call's recording, reported with its hangup
                if (RECORDING_VARIABLE.equals(e.variable()) && e.value() != null && !e.value().isBlank()) {
                    call.recording = recordingUri(e.value().strip());
                }
            }
            case "Hangup" -> {
                if (e.uniqueId() != null && !e.uniqueId().equals(call.callerUniqueId)) {
                    call.hungUpLegs.add(e.uniqueId());
                    break;
                }
                calls.remove(call.id);
                // who hung up first: the agent's leg gone before the caller's (inbound), the customer's before the
                // agent's own channel (outbound)
                boolean otherFirst = call.direction == Direction.INBOUND
                        ? call.agentLeg != null && call.hungUpLegs.contains(call.agentLeg) : !call.hungUpLegs.isEmpty();
                String hangupBy = call.direction == Direction.INBOUND
                        ? (call.answered && otherFirst ? "agent" : "caller")
                        : (call.answered && otherFirst ? "caller" : "agent");
                out.add(event("hangup", call, at, call.agent, cause(call, e.cause()), hangupBy));
            }
            default -> {
            }
        }
        return out;
    }

    private void start(AmiEvent e, Instant at, List<CallEvent> out) {
        if (calls.size() >= MAX_CALLS) {
            calls.remove(calls.keySet().iterator().next());
        }
        boolean internal = isExtension(e.callerIdNum());
        Direction direction = internal ? Direction.OUTBOUND : Direction.INBOUND;
        String own = internal ? agentOf(null, e.channel()) : null;
        Call call = new Call(e.linkedId(), e.uniqueId(), e.channel(), e.callerIdNum(), e.exten(), direction, own);
        calls.put(call.id, call);
        out.add(event("newCall", call, at, own, null, null));
    }

    /** The first agent leg in the bridge answers the call; another agent's leg joining later is a transfer to them. */
    private static void answered(Call call, String agent, String leg, Instant at, List<CallEvent> out) {
        if (!call.answered) {
            call.answered = true;
            call.agent = agent;
            call.agentLeg = leg;
            out.add(event("answer", call, at, agent, null, null));
        } else if (agent != null && !agent.equals(call.agent) && call.direction == Direction.INBOUND) {
            call.agent = agent;
            call.agentLeg = leg;
            out.add(event("transfer", call, at, agent, null, null));
        } else if (leg != null && call.agentLeg == null) {
            call.agentLeg = leg;
        }
    }

    private static CallEvent event(String name, Call call, Instant at, String user, String cause, String hangupBy) {
        // no checksum: Asterisk does not report one, and the file is still being written while the call is on
        return new CallEvent(name, call.id, call.from, call.to, call.direction, user, call.queue, cause, hangupBy, at,
                call.recording, null);
    }

    /**
     * Where the recording can be fetched: the centre's base URI and the file's name, or the file's path on the PBX as a
     * {@code file:} URI; cut to the call record's 1,000 characters.
     */
    String recordingUri(String path) {
        String uri;
        if (recordingBaseUri != null) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            uri = (recordingBaseUri.endsWith("/") ? recordingBaseUri : recordingBaseUri + "/")
                    + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        } else {
            uri = java.nio.file.Path.of(path.startsWith("/") ? path : "/" + path).toUri().toString();
        }
        return uri.length() <= 1000 ? uri : uri.substring(0, 1000);
    }

    /**
     * Q.850 causes as the CTI API names them; a caller who gives up before anyone answered cancels (and in a queue
     * that is an abandoned call, whatever cause Asterisk reports for it).
     */
    private static String cause(Call call, Integer q850) {
        int c = q850 == null ? 16 : q850;
        if (!call.answered && call.direction == Direction.INBOUND && (call.abandoned || c == 16 || c == 0 || c == 127)) {
            return "cancel";
        }
        return switch (c) {
            case 17, 21 -> "busy";
            case 18, 19 -> "noAnswer";
            case 1, 2, 3, 22, 28 -> "notFound";
            case 34, 38, 41, 42, 44 -> "congestion";
            default -> call.answered ? "normalClearing" : call.direction == Direction.OUTBOUND ? "noAnswer" : "cancel";
        };
    }

    /** A caller id of a few digits is one of our extensions (an agent dialling out), not a customer's number. */
    private boolean isExtension(String number) {
        return number != null && number.matches("\\d{1," + extensionMaxDigits + "}");
    }

    /**
     * The agent behind a queue member or channel: the member's interface or the channel's peer
     * ({@code PJSIP/8001-00000012}, {@code Local/8001@agents-0000;1}, {@code SIP/8001}) gives the extension, which is
     * the agent's number (工号) or user name in Kept.
     */
    static String agentOf(String member, String channel) {
        String source = member != null && !member.isBlank() ? member : channel;
        if (source == null || source.isBlank()) {
            return null;
        }
        int slash = source.indexOf('/');
        String peer = slash < 0 ? source : source.substring(slash + 1);
        int at = peer.indexOf('@');
        if (at >= 0) {
            peer = peer.substring(0, at);  // Local/8001@agents-00000003;1: the extension before the context
            return peer.isBlank() ? null : peer;
        }
        int dash = peer.lastIndexOf('-');
        boolean fromChannel = source.equals(channel) && (member == null || member.isBlank());
        if (fromChannel && dash > 0 && peer.substring(dash + 1).matches("[0-9a-fA-F]{6,}(;\\d)?")) {
            peer = peer.substring(0, dash);
        }
        return peer.isBlank() ? null : peer;
    }

    /** The channel that started the call (the caller's, inbound), while the call is on; null once it ended. */
    String channelOf(String callId) {
        Call call = calls.get(callId);
        return call == null ? null : call.callerChannel;
    }

    int open() {
        return calls.size();
    }
}
