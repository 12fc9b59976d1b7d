using System.Net;
using System.Text;
using Hooks.Sdk.Receiving;
using Hooks.Sdk.Signatures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Hooks.Sdk.Tests.Security;

/// <summary>Standard Webhooks signing and verification, against the specification's test vectors.</summary>
public sealed class WebhookSignatureTests
{
    // Vector A: in the C#, Python, JS, Go, Ruby and PHP reference tests and Svix's server tests.
    private const string SecretA = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string IdA = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long TimestampA = 1614265330;
    private const string PayloadA = """{"test": 2432232314}""";
    private const string SignatureA = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static readonly FakeTimeProvider AtVectorA = new(DateTimeOffset.FromUnixTimeSeconds(TimestampA));

    [Fact]
    public void Signs_vector_A() =>
        Assert.Equal(SignatureA, WebhookSignature.Sign(WebhookSecret.Parse(SecretA), IdA, DateTimeOffset.FromUnixTimeSeconds(TimestampA), Encoding.UTF8.GetBytes(PayloadA)));

    [Fact]
    public void Signs_vector_B() =>
        Assert.Equal("v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=", WebhookSignature.Sign(
            WebhookSecret.Parse("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"),
            "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk",
            DateTimeOffset.FromUnixTimeSeconds(1649367553),
            Encoding.UTF8.GetBytes("""{"email":"test@example.com","username":"test_user"}""")));

    [Fact]
    public void Signs_an_empty_payload_derived_from_vector_A_not_upstream() =>
        Assert.Equal("v1,v48jdbgvh29KJz2Qc+ghw8G6vG3nAKnujWBg8oM/62A=",
            WebhookSignature.Sign(WebhookSecret.Parse(SecretA), IdA, DateTimeOffset.FromUnixTimeSeconds(TimestampA), []));

    [Fact]
    public void The_prefix_is_optional_and_the_serialized_form_round_trips()
    {
        Assert.Equal(SecretA, WebhookSecret.Parse(SecretA["whsec_".Length..]).ToString());
        WebhookSecret generated = WebhookSecret.Generate();
        Assert.StartsWith("whsec_", generated.ToString());
        Assert.Equal(generated.ToString(), WebhookSecret.Parse(generated.ToString()).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("whsec_")]
    [InlineData("whsec_not base64!")]
    [InlineData("whsec_c2hvcnQ=")]
    public void Invalid_secrets_are_refused(string secret) => Assert.Throws<FormatException>(() => WebhookSecret.Parse(secret));

    [Fact]
    public void Ids_with_dots_and_negative_timestamps_cannot_be_signed()
    {
        WebhookSecret secret = WebhookSecret.Parse(SecretA);

        Assert.Throws<ArgumentException>(() => WebhookSignature.Sign(secret, "msg.1", DateTimeOffset.UtcNow, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => WebhookSignature.Sign(secret, "msg_1", DateTimeOffset.FromUnixTimeSeconds(-1), []));
    }

    [Theory]
    [InlineData(SignatureA, WebhookVerification.Valid)]
    [InlineData("v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= " + SignatureA + " v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=", WebhookVerification.Valid)]
    [InlineData("garbage v1 v1, " + SignatureA, WebhookVerification.Valid)]
    [InlineData("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLawdd", WebhookVerification.NoMatchingSignature)]
    [InlineData("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=", WebhookVerification.NoMatchingSignature)]
    [InlineData("v1,", WebhookVerification.NoMatchingSignature)]
    [InlineData("v1,g0hM9SsE+OTPJTGt", WebhookVerification.NoMatchingSignature)]
    [InlineData("v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookVerification.NoMatchingSignature)]
    public void Verifies_vector_A_and_its_negative_cases(string signatures, WebhookVerification expected)
    {
        var verifier = new WebhookSignatureVerifier([WebhookSecret.Parse(SecretA)], AtVectorA);

        Assert.Equal(expected, verifier.Verify(IdA, TimestampA.ToString(), signatures, Encoding.UTF8.GetBytes(PayloadA)));
    }

    [Fact]
    public void A_changed_body_or_id_fails()
    {
        var verifier = new WebhookSignatureVerifier([WebhookSecret.Parse(SecretA)], AtVectorA);

        Assert.Equal(WebhookVerification.NoMatchingSignature, verifier.Verify(IdA, TimestampA.ToString(), SignatureA, Encoding.UTF8.GetBytes("""{"test":2432232314}""")));
        Assert.Equal(WebhookVerification.NoMatchingSignature, verifier.Verify(IdA + "x", TimestampA.ToString(), SignatureA, Encoding.UTF8.GetBytes(PayloadA)));
    }

    [Theory]
    [InlineData(null, "1614265330", SignatureA, WebhookVerification.MissingHeaders)]
    [InlineData(IdA, null, SignatureA, WebhookVerification.MissingHeaders)]
    [InlineData(IdA, "1614265330", null, WebhookVerification.MissingHeaders)]
    [InlineData(IdA, "161426533.0", SignatureA, WebhookVerification.InvalidTimestamp)]
    [InlineData(IdA, "-161426533", SignatureA, WebhookVerification.InvalidTimestamp)]
    [InlineData(IdA, "invalid timestamp", SignatureA, WebhookVerification.InvalidTimestamp)]
    public void Missing_headers_and_malformed_timestamps_fail(string? id, string? timestamp, string? signatures, WebhookVerification expected)
    {
        var verifier = new WebhookSignatureVerifier([WebhookSecret.Parse(SecretA)], AtVectorA);

        Assert.Equal(expected, verifier.Verify(id, timestamp, signatures, Encoding.UTF8.GetBytes(PayloadA)));
    }

    [Theory]
    [InlineData(-301, WebhookVerification.TooOld)]
    [InlineData(-300, WebhookVerification.Valid)]
    [InlineData(300, WebhookVerification.Valid)]
    [InlineData(301, WebhookVerification.TooNew)]
    public void The_timestamp_must_be_within_five_minutes(int offsetSeconds, WebhookVerification expected)
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        WebhookSecret secret = WebhookSecret.Generate();
        DateTimeOffset sent = time.GetUtcNow().AddSeconds(offsetSeconds);
        string signature = WebhookSignature.Sign(secret, "msg_1", sent, "{}"u8);

        Assert.Equal(expected, new WebhookSignatureVerifier([secret], time).Verify("msg_1", sent.ToUnixTimeSeconds().ToString(), signature, "{}"u8));
    }

    [Fact]
    public void During_a_rotation_either_secret_verifies_a_message_signed_with_both()
    {
        WebhookSecret old = WebhookSecret.Generate();
        WebhookSecret current = WebhookSecret.Generate();
        DateTimeOffset now = DateTimeOffset.UtcNow;
        string both = WebhookSignature.Sign([current, old], "msg_1", now, "{}"u8);

        Assert.Equal(2, both.Split(' ').Length);
        Assert.Equal(WebhookVerification.Valid, new WebhookSignatureVerifier([old]).Verify("msg_1", now.ToUnixTimeSeconds().ToString(), both, "{}"u8));
        Assert.Equal(WebhookVerification.Valid, new WebhookSignatureVerifier([current]).Verify("msg_1", now.ToUnixTimeSeconds().ToString(), both, "{}"u8));
        Assert.Equal(WebhookVerification.NoMatchingSignature, new WebhookSignatureVerifier([WebhookSecret.Generate()]).Verify("msg_1", now.ToUnixTimeSeconds().ToString(), both, "{}"u8));
    }

    [Fact]
    public async Task The_endpoint_filter_lets_signed_requests_through_and_answers_401_to_others()
    {
        WebhookSecret secret = WebhookSecret.Generate();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using WebApplication app = builder.Build();
        app.MapPost("/hook", async (HttpRequest request) => Results.Text(await new StreamReader(request.Body).ReadToEndAsync()))
            .RequireWebhookSignature(new WebhookSignatureVerifier([secret]));
        await app.StartAsync();
        string url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/hook";
        using var client = new HttpClient();
        byte[] body = """{"action":"TASKS_CREATED"}"""u8.ToArray();
        DateTimeOffset now = DateTimeOffset.UtcNow;

        HttpResponseMessage signed = await client.SendAsync(Request(url, body, "msg_1", now, WebhookSignature.Sign(secret, "msg_1", now, body)));
        HttpResponseMessage forged = await client.SendAsync(Request(url, body, "msg_1", now, WebhookSignature.Sign(WebhookSecret.Generate(), "msg_1", now, body)));
        HttpResponseMessage stale = await client.SendAsync(Request(url, body, "msg_1", now.AddMinutes(-6), WebhookSignature.Sign(secret, "msg_1", now.AddMinutes(-6), body)));
        HttpResponseMessage unsigned = await client.PostAsync(url, new ByteArrayContent(body));

        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal("""{"action":"TASKS_CREATED"}""", await signed.Content.ReadAsStringAsync());
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (forged.StatusCode, stale.StatusCode, unsigned.StatusCode));
        Assert.Contains("TooOld", await stale.Content.ReadAsStringAsync());
    }

    private static HttpRequestMessage Request(string url, byte[] body, string id, DateTimeOffset timestamp, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Headers.Add(WebhookSignature.IdHeader, id);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToUnixTimeSeconds().ToString());
        request.Headers.Add(WebhookSignature.SignatureHeader, signature);
        return request;
    }
}
