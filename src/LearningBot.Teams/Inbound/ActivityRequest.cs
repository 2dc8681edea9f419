using System.Diagnostics.CodeAnalysis;
using LearningBot.Teams.Schema;
using Microsoft.AspNetCore.Http;

namespace LearningBot.Teams.Inbound;

/// <summary>An authenticated activity as read off <c>/api/messages</c> with its raw body, or the HTTP answer refusing the request.</summary>
public sealed class ActivityRequest
{
    private ActivityRequest(Activity? activity, ReadOnlyMemory<byte> body, IResult? refusal)
    {
        Activity = activity;
        Body = body;
        Refusal = refusal;
    }

    public Activity? Activity { get; }

    /// <summary>The bytes the activity was read from (hashed into an event id when the activity has none).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    public IResult? Refusal { get; }

    [MemberNotNullWhen(true, nameof(Refusal))]
    [MemberNotNullWhen(false, nameof(Activity))]
    public bool IsRefused => Refusal is not null;

    public static ActivityRequest Accepted(Activity activity, ReadOnlyMemory<byte> body) => new(activity, body, null);

    public static ActivityRequest Refused(IResult refusal) => new(null, default, refusal);
}
