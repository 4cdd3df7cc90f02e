using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Platform.Messaging;

/// <summary>
/// Whether a failure is the kind that passes on its own (the database or broker restarting, a
/// connection dropped, a deadlock or serialization failure): worth waiting out, unlike a message
/// that can never be applied.
/// </summary>
public static class TransientFaults
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        NpgsqlException npgsql => npgsql.IsTransient,
        DbUpdateConcurrencyException => false,
        TimeoutException => true,
        System.Net.Sockets.SocketException => true,
        RabbitMQ.Client.Exceptions.BrokerUnreachableException => true,
        RabbitMQ.Client.Exceptions.AlreadyClosedException => true,
        MassTransit.RabbitMqConnectionException => true,
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };
}
