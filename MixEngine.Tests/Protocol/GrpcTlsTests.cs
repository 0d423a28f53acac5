using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using MixEngine.Protocol.V1;
using MixEngine.Tests.Files;

namespace MixEngine.Tests.Protocol;

/// <summary>
/// TLS on a real Kestrel socket (docs/grpc.md, Configuration): a self-signed certificate made in the test, written as
/// PEM certificate + key or as PFX; a client that trusts exactly that certificate is served, a plaintext client and a
/// client that does not trust the certificate are refused.
/// </summary>
public class GrpcTlsTests
{
    [Fact]
    public void A_client_trusting_the_configured_pem_certificate_is_served_over_tls()
    {
        using var tls = new TempFolder();
        using var certificate = SelfSigned();
        string pem = tls.Write("server.pem", System.Text.Encoding.ASCII.GetBytes(certificate.ExportCertificatePem()));
        string key = tls.Write("server.key", System.Text.Encoding.ASCII.GetBytes(certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem()));
        using var f = new GrpcFixture(o => o with { CertificatePath = pem, CertificateKeyPath = key, RequireTls = true }, overTcp: true);
        Assert.StartsWith("https://", f.Address);
        using var channel = Trusting(f.Address, certificate, GrpcFixture.ObserverKey);
        var mixer = new MixerService.MixerServiceClient(channel);
        var read = mixer.GetParameters(new GetParametersRequest { Addresses = { "track/DX 1/fader" } }, deadline: DateTime.UtcNow.AddSeconds(30));
        Assert.Equal("track/DX 1/fader", read.Values[0].Address);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, new Health.HealthClient(channel).Check(new HealthCheckRequest()).Status);
    }

    [Fact]
    public void A_pfx_certificate_serves_tls_too()
    {
        using var tls = new TempFolder();
        using var certificate = SelfSigned();
        string pfx = tls.Write("server.pfx", certificate.Export(X509ContentType.Pkcs12));
        using var f = new GrpcFixture(o => o with { CertificatePath = pfx }, overTcp: true);
        using var channel = Trusting(f.Address, certificate, GrpcFixture.ObserverKey);
        var health = new Health.HealthClient(channel);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Check(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(30)).Status);
    }

    [Fact]
    public void A_plaintext_client_is_refused_when_tls_is_required_and_nothing_is_applied()
    {
        using var tls = new TempFolder();
        using var certificate = SelfSigned();
        string pfx = tls.Write("server.pfx", certificate.Export(X509ContentType.Pkcs12));
        using var f = new GrpcFixture(o => o with { CertificatePath = pfx, RequireTls = true }, overTcp: true);
        string plain = "http://" + f.Address["https://".Length..];
        using var channel = GrpcChannel.ForAddress(plain, new GrpcChannelOptions { Credentials = ChannelCredentials.Insecure });
        var mixer = new MixerService.MixerServiceClient(channel);
        var set = new ParameterSet { Address = "track/DX 1/fader", Value = -12, Mode = MixEngine.Protocol.V1.ValueMode.Absolute };
        var e = Assert.Throws<RpcException>(() => mixer.SetParameter(set, new Metadata { { "authorization", $"Bearer {GrpcFixture.AdminKey}" } }, DateTime.UtcNow.AddSeconds(30)));
        Assert.NotEqual(StatusCode.OK, e.StatusCode);
        Assert.Equal(0.0, f.Control.GetParameter(f.Control.Resolve("track/DX 1/fader"))); // the session's fader (0 dB) is untouched: exact, nothing was queued
    }

    [Fact]
    public void A_client_that_does_not_trust_the_certificate_is_refused()
    {
        using var tls = new TempFolder();
        using var certificate = SelfSigned();
        string pfx = tls.Write("server.pfx", certificate.Export(X509ContentType.Pkcs12));
        using var f = new GrpcFixture(o => o with { CertificatePath = pfx }, overTcp: true);
        using var channel = GrpcChannel.ForAddress(f.Address);
        var health = new Health.HealthClient(channel);
        var e = Assert.Throws<RpcException>(() => health.Check(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(30)));
        Assert.NotEqual(StatusCode.OK, e.StatusCode);
        Assert.Contains("SSL", e.Status.DebugException?.ToString() ?? e.Status.Detail); // the handshake failed, not the call
    }

    /// <summary>A self-signed ECDSA P-256 server certificate for 127.0.0.1 and localhost, valid for one day.</summary>
    internal static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=mixengine test server", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // id-kp-serverAuth, RFC 5280 4.2.1.12
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }

    /// <summary>A channel to <paramref name="address"/> that trusts <paramref name="certificate"/> as its only root and sends <paramref name="key"/>.</summary>
    internal static GrpcChannel Trusting(string address, X509Certificate2 certificate, string key)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, errors) =>
        {
            if (presented is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(certificate);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            using var server = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
            return chain.Build(server);
        };
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", $"Bearer {key}");
            return Task.CompletedTask;
        });
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            Credentials = ChannelCredentials.Create(new SslCredentials(), credentials),
        });
    }
}
